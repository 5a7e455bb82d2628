#!/usr/bin/env python3
"""Turns `chaos check --format json` into a GitLab Code Quality report.

GitLab reads a JSON list of {description, check_name, fingerprint, severity, location: {path,
lines: {begin}}} (artifacts:reports:codequality). Standard library only.

usage: codequality.py CHECK.json > gl-code-quality-report.json
"""
import hashlib
import json
import sys

# chaos knows errors and warnings; GitLab's scale is info, minor, major, critical, blocker
SEVERITY = {"error": "major", "warning": "minor"}


def issues(report):
    seen = {}
    for d in report["diagnostics"]:
        line = d["span"]["startLine"]
        # the same problem on the same line gets the same fingerprint from run to run (GitLab
        # compares the branch's report with the target's by fingerprint); a repeat is numbered
        key = "\0".join([d["code"], d["file"], str(line), d["message"]])
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256((key + "\0" + str(seen[key])).encode("utf-8")).hexdigest()
        description = d["code"] + ": " + d["message"]
        if d.get("label"):
            description += ": " + d["label"]
        yield {
            "description": description,
            "check_name": d["code"],
            "fingerprint": fingerprint,
            "severity": SEVERITY.get(d["severity"], "info"),
            "location": {"path": d["file"], "lines": {"begin": line}},
        }


def main(argv):
    if len(argv) != 2:
        print("usage: codequality.py CHECK.json > gl-code-quality-report.json", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        report = json.load(f)
    json.dump(list(issues(report)), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
