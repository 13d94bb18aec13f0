#include <stdio.h>
static long fib(long n) {
    long a = 0, b = 1, i = 0;
    while (i < n) {
        long t = (a + b) % 1000000007;
        a = b;
        b = t;
        i = i + 1;
    }
    return a;
}
int main(void) {
    long k = 0, total = 0;
    while (k < 200) {
        total = (total + fib(50000 + k)) % 1000000007;
        k = k + 1;
    }
    printf("%ld\n", total);
    return 0;
}
