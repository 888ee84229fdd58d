#!/usr/bin/env python3
"""Writes a synthetic topology of N networks and M services to stdout (for benchmarks)."""
import sys

networks, services = int(sys.argv[1]), int(sys.argv[2])
out = ["version: 1", "project: bench", "networks:"]
for n in range(networks):
    out.append(f"  net{n}:")
    out.append(f"    subnet: 10.{n // 256}.{n % 256}.0/24")
    if n % 4 == 0:
        out.append("    internal: true")
out.append("services:")
for s in range(services):
    first = s % networks
    out.append(f"  svc{s}:")
    out.append("    networks:")
    out.append(f"      net{first}:")
    out.append(f"        aliases: [svc{s}-a]")
    out.append(f"        ipv4_address: 10.{first // 256}.{first % 256}.{10 + s // networks}")
    out.append(f"      net{(first + 1) % networks}: {{}}")
    out.append(f"      net{(first + 2) % networks}: {{}}")
    out.append(f"    ports: [{8000 + s % 1000}]")
sys.stdout.write("\n".join(out) + "\n")
