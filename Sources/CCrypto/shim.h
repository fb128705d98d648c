// OpenSSL's libcrypto: its SHA-256 (EVP digests use the CPU's SHA extensions where it has them), and RSA
// signatures for the JSON Web Tokens of Google service accounts (RS256), SHA-1 for the WebSocket handshake and
// HMAC-SHA256 for Slack's request signing.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
