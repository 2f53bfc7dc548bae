// "Verify a webhook" on Account → API: how a receiver checks X-BIS-Signature. The texts are
// shown as they are here, and verification-snippets.test.ts runs each one (node, python3,
// ruby) against the real signer, so what we publish is what works.

export type SnippetLanguage = "node" | "ruby" | "python";
export type VerificationSnippet = { language: SnippetLanguage; label: string; code: string };

const node = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (a Buffer), before any JSON parsing.
export function verifyBisSignature(rawBody, signatureHeader, apiKey) {
  const expected = Buffer.from(createHmac("sha256", apiKey).update(rawBody).digest("base64"));
  const received = Buffer.from(String(signatureHeader ?? ""));
  return received.length === expected.length && timingSafeEqual(received, expected);
}

// Express:
// app.post("/webhooks/back-in-stock", express.raw({ type: "application/json" }), (req, res) => {
//   if (!verifyBisSignature(req.body, req.get("X-BIS-Signature"), process.env.BIS_API_KEY)) {
//     return res.sendStatus(401);
//   }
//   const event = JSON.parse(req.body);
//   res.sendStatus(200);
// });
`;

const ruby = `require "openssl"
require "base64"

# raw_body: the request body exactly as received, before any JSON parsing.
def verify_bis_signature(raw_body, signature_header, api_key)
  expected = Base64.strict_encode64(OpenSSL::HMAC.digest("SHA256", api_key, raw_body))
  OpenSSL.secure_compare(expected, signature_header.to_s)
end

# Rails:
# def back_in_stock
#   signature = request.headers["X-BIS-Signature"]
#   return head(:unauthorized) unless verify_bis_signature(request.raw_post, signature, ENV.fetch("BIS_API_KEY"))
#   event = JSON.parse(request.raw_post)
#   head :ok
# end
`;

const python = `import base64
import hashlib
import hmac


# raw_body: the request body exactly as received (bytes), before any JSON parsing.
def verify_bis_signature(raw_body: bytes, signature_header: str, api_key: str) -> bool:
    digest = hmac.new(api_key.encode("utf-8"), raw_body, hashlib.sha256).digest()
    expected = base64.b64encode(digest)
    return hmac.compare_digest(expected, (signature_header or "").encode("utf-8"))


# Flask:
# @app.post("/webhooks/back-in-stock")
# def back_in_stock():
#     signature = request.headers.get("X-BIS-Signature")
#     if not verify_bis_signature(request.get_data(), signature, os.environ["BIS_API_KEY"]):
#         abort(401)
#     event = request.get_json()
#     return "", 200
`;

export const verificationSnippets: readonly VerificationSnippet[] = [
  { language: "node", label: "Node.js", code: node },
  { language: "ruby", label: "Ruby", code: ruby },
  { language: "python", label: "Python", code: python },
];
