#include <stdio.h>
int main(void) {
    long i = 0, s = 0;
    while (i < 20000000) {
        s = s + i;
        i = i + 1;
    }
    printf("%ld\n", s);
    return 0;
}
