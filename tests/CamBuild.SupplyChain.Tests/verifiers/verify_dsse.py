"""An independent DSSE verifier: Debian's python3-cryptography, none of CamBuild's code.

Usage: python3 verify_dsse.py ENVELOPE PUBLIC_KEY_PEM
Recomputes the DSSE v1 pre-authentication encoding from the envelope, picks the signature whose keyid is the
sha256 of the key's DER SubjectPublicKeyInfo and verifies it (ECDSA P-256, SHA-256, DER signature).
Prints "verified <keyid>" and exits 0, or prints why not and exits 1.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


def pae(payload_type: bytes, body: bytes) -> bytes:
    return b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(body), body)


def main(envelope_path: str, key_path: str) -> int:
    with open(envelope_path, encoding="utf-8") as f:
        envelope = json.load(f)
    with open(key_path, "rb") as f:
        key = serialization.load_pem_public_key(f.read())
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        print("not an ECDSA P-256 public key")
        return 1
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    keyid = hashlib.sha256(der).hexdigest()
    message = pae(envelope["payloadType"].encode("utf-8"), base64.b64decode(envelope["payload"]))
    for signature in envelope["signatures"]:
        if signature.get("keyid") != keyid:
            continue
        try:
            key.verify(base64.b64decode(signature["sig"]), message, ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            print(f"signature of {keyid} does not verify")
            return 1
        print(f"verified {keyid}")
        return 0
    print(f"no signature by {keyid}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
