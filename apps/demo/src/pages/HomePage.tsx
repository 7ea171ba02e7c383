import { PRODUCTS, formatPrice } from '../catalog.js';
import { Link } from '../router.js';

/** The shop's front page. */
export function HomePage() {
  return (
    <>
      <h1>Small-batch coffee, roasted on Mondays</h1>
      <p>Every bag is roasted to order and shipped within two days.</p>
      <ul className="demo-products" aria-label="Coffees">
        {PRODUCTS.map((product) => (
          <li key={product.slug} className="demo-product">
            <h2>
              <Link href={`/products/${product.slug}`}>{product.name}</Link>
            </h2>
            <p>{product.notes}</p>
            <p className="demo-price">{formatPrice(product.price)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
