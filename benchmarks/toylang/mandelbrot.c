#include <stdio.h>
int main(void) {
    long size = 400, count = 0;
    for (long y = 0; y < size; y++) {
        double ci = 2.0 * y / size - 1.0;
        for (long x = 0; x < size; x++) {
            double cr = 2.0 * x / size - 1.5;
            double zr = 0.0, zi = 0.0;
            long k = 0, inside = 1;
            while (k < 50) {
                double zr2 = zr * zr, zi2 = zi * zi;
                if (zr2 + zi2 > 4.0) {
                    inside = 0;
                    k = 50;
                } else {
                    zi = 2.0 * zr * zi + ci;
                    zr = zr2 - zi2 + cr;
                    k = k + 1;
                }
            }
            count = count + inside;
        }
    }
    printf("%ld\n", count);
    return 0;
}
