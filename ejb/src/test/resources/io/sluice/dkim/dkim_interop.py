#!/usr/bin/python3
"""Signs and verifies with Debian's python3-dkim, the independent checker of Sluice's DKIM and ARC.

The JUnit tests drive it with one file of jobs (JSON, a list), and read one file of answers (JSON,
a list in the same order): one python process for a whole test class. DNS is the job's "records"
(name -> TXT record), fed through dnsfunc, so no DNS server and no network is involved. Messages
are ISO-8859-1 strings, so every octet passes unchanged.

  {"op": "sign", "key": K, "selector": S, "domain": D, "algorithm": A, "c": "relaxed/simple", "message": M}
      -> the DKIM-Signature field python signs M with (K: PEM PKCS#8 for RSA, the base64
         Ed25519 seed for ed25519-sha256)
  {"op": "verify", "records": R, "message": M}
      -> one "pass" or "fail" per signature, top first
  {"op": "arcsign", "key": K, "selector": S, "domain": D, "srv_id": I, "timestamp": T, "message": M}
      -> the ARC set python seals M with
  {"op": "arcverify", "records": R, "message": M}
      -> [the chain's validation result, the reason]

usage: dkim_interop.py JOBS ANSWERS
"""
import json
import sys

import dkim


def dnsfunc_from(records):
    lower = {name.rstrip(".").lower(): value for name, value in records.items()}

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("ascii")
        found = lower.get(name.rstrip(".").lower())
        return found.encode("ascii") if found else None

    return dnsfunc


def octets(s):
    return s.encode("latin-1")


def text(b):
    return b.decode("latin-1")


def answer(job):
    op = job["op"]
    if op == "sign":
        hc, bc = job["c"].split("/")
        return text(dkim.sign(octets(job["message"]), job["selector"].encode(), job["domain"].encode(),
                              job["key"].encode().strip(), canonicalize=(hc.encode(), bc.encode()),
                              signature_algorithm=job["algorithm"].encode()))
    if op == "verify":
        dnsfunc = dnsfunc_from(job["records"])
        message = octets(job["message"])
        count = sum(1 for name, _ in dkim.DKIM(message).headers if name.lower() == b"dkim-signature")
        results = []
        for i in range(count):
            try:
                ok = dkim.DKIM(message).verify(idx=i, dnsfunc=dnsfunc)
            except dkim.DKIMException:
                ok = False
            results.append("pass" if ok else "fail")
        return results
    if op == "arcsign":
        return "".join(text(f) for f in dkim.arc_sign(octets(job["message"]), job["selector"].encode(),
                                                       job["domain"].encode(), job["key"].encode().strip(),
                                                       job["srv_id"].encode(), timestamp=job["timestamp"]))
    if op == "arcverify":
        cv, _, reason = dkim.arc_verify(octets(job["message"]), dnsfunc=dnsfunc_from(job["records"]))
        return [cv.decode("ascii") if cv else "none", reason]
    raise ValueError("unknown op " + op)


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump([answer(job) for job in jobs], f)


if __name__ == "__main__":
    main(sys.argv)
