// OpenSSL's libcrypto, for its SHA-256 (EVP digests use the CPU's SHA extensions where it has them).
#include <openssl/evp.h>
