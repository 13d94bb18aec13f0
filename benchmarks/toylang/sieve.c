#include <stdio.h>
#include <stdlib.h>
static long sieve(long n) {
    long *flags = malloc((n + 1) * sizeof(long));
    for (long x = 0; x <= n; x++) flags[x] = 1;
    flags[0] = 0;
    flags[1] = 0;
    long i = 2;
    while (i * i <= n) {
        if (flags[i]) {
            long j = i * i;
            while (j <= n) {
                flags[j] = 0;
                j = j + i;
            }
        }
        i = i + 1;
    }
    long count = 0;
    for (long k = 0; k <= n; k++) count += flags[k];
    free(flags);
    return count;
}
int main(void) {
    long r = 0;
    for (int rep = 0; rep < 4; rep++) r = sieve(1000000);
    printf("%ld\n", r);
    return 0;
}
