import { FeedbackPrompt } from '@rapport/widgets';
import { PRODUCTS, formatPrice } from '../catalog.js';
import { navigate } from '../router.js';

/** One coffee, with the inline "Was this page helpful?" prompt the business set up for product pages. */
export function ProductPage({ slug }: { slug: string }) {
  const product = PRODUCTS.find((p) => p.slug === slug);
  if (!product) return <h1>We couldn’t find that coffee</h1>;
  return (
    <>
      <h1>{product.name}</h1>
      <p>{product.notes}</p>
      <p>{product.origin}</p>
      <p className="demo-price">{formatPrice(product.price)} for 250 g</p>
      <button type="button" className="demo-button demo-button--primary" onClick={() => navigate('/checkout/complete')}>
        Buy now
      </button>
      <section className="demo-section" aria-label="Page feedback">
        <FeedbackPrompt placement="inline" />
      </section>
    </>
  );
}
