#!/usr/bin/env bash
# Makes a local test CA and a server certificate it signs, for the names devices
# dial (smtp.office365.com, smtp-legacy.office365.com, plus any given), so a
# device that verifies certificates can talk to exomock once it trusts the CA.
# Usage: certs/make-ca.sh [OUTDIR] [HOSTNAME|IP]...   (OUTDIR defaults to certs/out)
set -euo pipefail

usage() {
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  cat <<'TEXT'

Writes OUTDIR/ca.pem and ca.cer (the CA, PEM and DER, to install on devices), ca.key,
server.pem and server.key (for a [[listener]]'s certificate and key). An existing CA in
OUTDIR is kept, so devices that already trust it go on trusting new server certificates;
delete ca.pem and ca.key to start a new CA. See certs/README.md.
TEXT
}

case "${1:-}" in -h | --help) usage; exit 0 ;; esac
command -v openssl >/dev/null || { echo "make-ca.sh: openssl not found" >&2; exit 1; }

script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$script_dir/out}
[ $# -gt 0 ] && shift
names=(smtp.office365.com smtp-legacy.office365.com "$@")

# subjectAltName entries: IP: for addresses, DNS: for names (a leading "*." allowed).
san=""
for n in "${names[@]}"; do
  if [[ $n =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ || ( $n == *:* && $n =~ ^[0-9A-Fa-f:.]+$ ) ]]; then
    entry="IP:$n"
  elif [[ $n =~ ^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$ ]]; then
    entry="DNS:$n"
  else
    echo "make-ca.sh: '$n' is neither a host name nor an IP address" >&2
    exit 2
  fi
  [[ ",$san," == *",$entry,"* ]] || san=${san:+$san,}$entry
done

mkdir -p "$out"
umask 077  # the keys are secrets; certificates are made readable below
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One self-contained configuration: the system openssl.cnf plays no part.
cat >"$work/openssl.cnf" <<CNF
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[ca_ext]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
# keyEncipherment too: old devices use RSA key exchange (TLS_RSA_WITH_AES_128_CBC_SHA).
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
subjectAltName = $san
CNF
export OPENSSL_CONF="$work/openssl.cnf"

# RSA-2048 and SHA-256: what every device still in service, however old, can verify.
new_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"; }
serial() { echo "0x$(openssl rand -hex 16)"; }

if [ -s "$out/ca.pem" ] && [ -s "$out/ca.key" ]; then
  echo "Keeping the existing CA in $out (delete ca.pem and ca.key for a new one)"
  openssl x509 -in "$out/ca.pem" -noout -checkend 86400 >/dev/null ||
    { echo "make-ca.sh: $out/ca.pem expires within a day; delete it and ca.key" >&2; exit 1; }
else
  new_key "$out/ca.key"
  # A distinct name per CA, so several installed test CAs can be told apart.
  openssl req -x509 -new -key "$out/ca.key" -sha256 -days 3650 -set_serial "$(serial)" \
    -subj "/O=exomock/OU=test only/CN=exomock test CA $(hostname -s 2>/dev/null || echo local) $(date -u +%Y-%m-%d)" \
    -extensions ca_ext -out "$out/ca.pem"
  echo "Made a new CA: $out/ca.pem"
fi
openssl x509 -in "$out/ca.pem" -outform DER -out "$out/ca.cer"

# 397 days: the longest validity Apple and the browsers accept for a server certificate.
new_key "$out/server.key"
openssl req -new -key "$out/server.key" -subj "/CN=${names[0]}" -out "$work/server.csr"
openssl x509 -req -in "$work/server.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" \
  -set_serial "$(serial)" -days 397 -sha256 -extfile "$OPENSSL_CONF" -extensions server_ext \
  -out "$out/server.pem" 2>/dev/null
chmod 644 "$out/ca.pem" "$out/ca.cer" "$out/server.pem"

openssl verify -CAfile "$out/ca.pem" -purpose sslserver "$out/server.pem" >/dev/null
echo "Made $out/server.pem for ${san//,/, }"
echo "  valid $(openssl x509 -in "$out/server.pem" -noout -startdate | cut -d= -f2) to $(openssl x509 -in "$out/server.pem" -noout -enddate | cut -d= -f2)"
echo "Listener: certificate = \"$out/server.pem\"  key = \"$out/server.key\""
echo "Install on devices: $out/ca.pem (PEM) or $out/ca.cer (DER)"
