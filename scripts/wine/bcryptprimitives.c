/* ProcessPrng for Wine 8 (Debian 12), which lacks bcryptprimitives.dll:
 * Go 1.24 and later take their random numbers from it at start-up and stop
 * with "bcryptprimitives.dll not found" without it. Windows 10 and 11 have
 * the real one; this is only put into the throw-away Wine prefixes of the
 * scripts that run govbuy under Wine, never shipped. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
