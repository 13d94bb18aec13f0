def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(i) for i in range(1, 20)])
def primes(limit):
    sieve = [True] * limit
    sieve[0] = sieve[1] = False
    i = 2
    while i * i < limit:
        if sieve[i]:
            for j in range(i * i, limit, i):
                sieve[j] = False
        i += 1
    return [i for i, p in enumerate(sieve) if p]
print(primes(60))
total = 0
for i in range(100000):
    total += i % 7
print(total)
s = 0.0
k = 1
while k < 1000:
    s += 1.0 / (k * k)
    k += 1
print(s)
