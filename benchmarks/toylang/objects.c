#include <stdio.h>
#include <stdlib.h>
typedef struct { long x, y; } Vec;
typedef struct { Vec *pos, *vel; long hits; } Particle;
static Vec *vec(long x, long y) {
    Vec *v = malloc(sizeof(Vec));
    v->x = x;
    v->y = y;
    return v;
}
static void step(Particle *p, long w) {
    long nx = p->pos->x + p->vel->x;
    long ny = p->pos->y + p->vel->y;
    if (nx < 0 || nx >= w) {
        p->vel = vec(0 - p->vel->x, p->vel->y);
        p->hits = p->hits + 1;
    } else if (ny < 0 || ny >= w) {
        p->vel = vec(p->vel->x, 0 - p->vel->y);
        p->hits = p->hits + 1;
    } else {
        p->pos = vec(nx, ny); /* leaks, like a program relying on a GC */
    }
}
int main(void) {
    long n = 100;
    Particle *ps = malloc(n * sizeof(Particle));
    for (long i = 0; i < n; i++) {
        ps[i].pos = vec(i % 50, (i * 7) % 50);
        ps[i].vel = vec(i % 5 - 2, i % 3 - 1);
        ps[i].hits = 0;
    }
    for (long t = 0; t < 30000; t++)
        for (long i = 0; i < n; i++) step(&ps[i], 50);
    long hits = 0, sx = 0;
    for (long i = 0; i < n; i++) {
        hits = hits + ps[i].hits;
        sx = sx + ps[i].pos->x * (i + 1) + ps[i].pos->y;
    }
    printf("%ld %ld\n", hits, sx);
    return 0;
}
