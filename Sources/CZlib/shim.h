// zlib, for the chart renderer's PNG files (deflate and the chunks' CRC-32).
#include <zlib.h>
