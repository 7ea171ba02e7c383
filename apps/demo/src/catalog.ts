/** The demo shop's coffees. */
export interface Product {
  slug: string;
  name: string;
  notes: string;
  /** Price in GBP. */
  price: number;
  origin: string;
}

export const PRODUCTS: Product[] = [
  { slug: 'yirgacheffe', name: 'Yirgacheffe, Ethiopia', notes: 'Jasmine, bergamot, lemon curd', price: 16.5, origin: 'Gedeo zone, washed, 1,900 m' },
  { slug: 'huila', name: 'Huila, Colombia', notes: 'Red apple, caramel, cocoa', price: 14, origin: 'Pitalito, washed, 1,650 m' },
  { slug: 'house-espresso', name: 'Northwind House Espresso', notes: 'Dark chocolate, hazelnut, molasses', price: 13, origin: 'Brazil and Guatemala blend' },
];

export const formatPrice = (value: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(value);
