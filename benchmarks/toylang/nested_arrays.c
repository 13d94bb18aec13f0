#include <stdio.h>
#include <stdlib.h>
int main(void) {
    long n = 180;
    long *a = calloc(n * n, sizeof(long));
    long *b = calloc(n * n, sizeof(long));
    long *c = calloc(n * n, sizeof(long));
    for (long i = 0; i < n * n; i++) {
        a[i] = i % 7;
        b[i] = (i * 3) % 11;
    }
    for (long i = 0; i < n; i++)
        for (long j = 0; j < n; j++) {
            long s = 0;
            for (long k = 0; k < n; k++) s = s + a[i * n + k] * b[k * n + j];
            c[i * n + j] = s;
        }
    long total = 0;
    for (long i = 0; i < n * n; i++) total = total + c[i] * (i % 13);
    printf("%ld\n", total);
    return 0;
}
