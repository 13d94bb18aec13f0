import random
random.seed(1)
print(random.random(), random.randrange(9223372036854775807), random.randrange(10), random.randint(1, 6))
random.seed(12345)
l = list(range(10))
random.shuffle(l)
print(l, random.choice("abcdef"), random.getrandbits(70), random.uniform(1, 2))
random.seed(-7)
print([random.randrange(100) for _ in range(5)])
