import { useQuery } from '@tanstack/react-query';
import { callConsole } from './callConsole.js';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** Opt-in rates per topic × channel, from the contacts' current choices. */
export function OptInRates() {
  const rates = useQuery({ queryKey: ['optInRates'], queryFn: () => callConsole('preferences', 'getOptInRates').then((page) => page.items) });
  return (
    <section aria-labelledby="rates-title" className="demo-section">
      <h2 id="rates-title">Opt-in rates</h2>
      {rates.error && <p role="alert">Could not load opt-in rates: {rates.error.message}</p>}
      {rates.data && (
        <table className="demo-table">
          <caption className="demo-visually-hidden">Opt-in rate per topic and channel</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Channel</th>
              <th scope="col">Opted in</th>
              <th scope="col">Awaiting confirmation</th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {rates.data.map((rate) => (
              <tr key={`${rate.topicId}-${rate.channel}`}>
                <th scope="row">{rate.topicId}</th>
                <td>{rate.channel}</td>
                <td>
                  {rate.optedIn} of {rate.contacts}
                </td>
                <td>{rate.pending}</td>
                <td>{rate.rate === null ? '—' : percent.format(rate.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
