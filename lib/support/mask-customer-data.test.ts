import { describe, expect, it } from "vitest";
import { customerContacts, maskContactsIn, maskCustomerData, maskDeliveryForSupport, maskEmail, maskPhone } from "./mask-customer-data";

// The seed's payload, as create-deliveries stores it (compact, in the published key order).
const payload = (customer: { email: string | null; sms: string | null }) =>
  JSON.stringify({
    notification_id: 123456,
    topic: "notification/sent",
    timestamp: "2023-09-11T12:13:45Z",
    channel: customer.email ? "email" : "sms",
    customer,
    quantity_required: 1,
    customer_language: "en-GB",
    customer_utc_offset: 14400,
    created_at: "2023-09-09T14:33:10Z",
    product: { product_id: 8339067207909, product_title: "Black Tea", variant_id: 44211925318693, variant_title: "Small", sku: null },
  });

describe("maskEmail and maskPhone", () => {
  it("keeps the first letter and the domain of an email, the country code and last two digits of a phone", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j•••@example.com");
    expect(maskEmail("j@example.com")).toBe("•••@example.com");
    expect(maskEmail("not-an-email")).toBe("•••");
    expect(maskPhone("+447700900134")).toBe("+44 •••• ••34");
    expect(maskPhone("+1 (555) 010-9999")).toBe("+15 •••• ••99");
    expect(maskPhone("07700900134")).toBe("•••• ••34");
    expect(maskPhone("12345")).toBe("•••• ••");
  });
});

describe("maskCustomerData", () => {
  it("masks customer.email and leaves every other byte of the body as stored", () => {
    const body = payload({ email: "jane@example.com", sms: null });
    const masked = maskCustomerData(body);
    expect(masked).toBe(body.replace('"jane@example.com"', '"j•••@example.com"'));
    expect(JSON.parse(masked).customer).toEqual({ email: "j•••@example.com", sms: null });
  });

  it("masks customer.sms", () => {
    const body = payload({ email: null, sms: "+447700900134" });
    expect(maskCustomerData(body)).toBe(body.replace('"+447700900134"', '"+44 •••• ••34"'));
  });

  it("keeps pretty-printing, key order and escapes elsewhere, and masks an escaped value", () => {
    const body = '{\n  "test": true,\n  "customer" : {\n    "sms": "+4477\\u0030900134",\n    "email":"jane@example.com"\n  },\n  "note": "caf\\u00e9 \\"customer\\""\n}';
    expect(maskCustomerData(body)).toBe(
      '{\n  "test": true,\n  "customer" : {\n    "sms": "+44 •••• ••34",\n    "email":"j•••@example.com"\n  },\n  "note": "caf\\u00e9 \\"customer\\""\n}',
    );
  });

  it("masks only the top-level customer: the same keys elsewhere are not customer data", () => {
    const body = '{"product":{"customer":{"email":"a@b.c"}},"customer":{"email":"jane@example.com","sms":null},"email":"x@y.z"}';
    expect(maskCustomerData(body)).toBe('{"product":{"customer":{"email":"a@b.c"}},"customer":{"email":"j•••@example.com","sms":null},"email":"x@y.z"}');
  });

  it("leaves a JSON body without customer data as it is", () => {
    for (const body of ["{}", "[1,2]", '"text"', "null", '{"customer":null}', '{"customer":{"email":null,"sms":null}}', '{"customer":["jane@example.com"]}'])
      expect(maskCustomerData(body)).toBe(body);
  });

  it("masks what looks like an email address or phone number in a body that is not JSON", () => {
    expect(maskCustomerData("customer=jane@example.com&sms=+447700900134&qty=1")).toBe("customer=j•••@example.com&sms=+44 •••• ••34&qty=1");
    expect(maskCustomerData('{"customer": {"email": "jane@example.com"')).toBe('{"customer": {"email": "j•••@example.com"');
    expect(maskCustomerData("")).toBe("");
    expect(maskCustomerData("plain text, order 1234567")).toBe("plain text, order 1234567");
  });
});

describe("maskDeliveryForSupport", () => {
  it("masks the body and the same contact details wherever the attempts repeat them", () => {
    const body = payload({ email: "jane@example.com", sms: null });
    expect(customerContacts(body)).toEqual([{ value: "jane@example.com", masked: "j•••@example.com" }]);
    expect(maskContactsIn("to jane@example.com and jane@example.com", customerContacts(body))).toBe("to j•••@example.com and j•••@example.com");
    const delivery = {
      id: "dlv_1",
      body,
      attempts: [
        { id: "att_1", requestHeaders: { "x-bis-topic": "notification/sent" }, responseHeaders: { "x-echo": "jane@example.com" }, responseBody: body, errorMessage: null },
        { id: "att_2", requestHeaders: null, responseHeaders: null, responseBody: null, errorMessage: "Rejected jane@example.com" },
      ],
    };
    const masked = maskDeliveryForSupport(delivery);
    expect(masked.body).toBe(maskCustomerData(body));
    expect(masked.attempts).toEqual([
      { id: "att_1", requestHeaders: { "x-bis-topic": "notification/sent" }, responseHeaders: { "x-echo": "j•••@example.com" }, responseBody: maskCustomerData(body), errorMessage: null },
      { id: "att_2", requestHeaders: null, responseHeaders: null, responseBody: null, errorMessage: "Rejected j•••@example.com" },
    ]);
    // The original is untouched.
    expect(delivery.attempts[0]!.responseBody).toBe(body);
  });
});
