// Numbers as the cost report shows them. Units and sizes come out of float
// arithmetic (7.0009999 write units), so two decimals are all that mean anything.
const dollarFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const amountFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function dollars(n: number): string {
  return dollarFormat.format(n);
}

export function amount(n: number): string {
  return amountFormat.format(n);
}
