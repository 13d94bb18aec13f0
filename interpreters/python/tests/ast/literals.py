# Every number form, constants, and big integers.
a = 0; b = 123; c = 1_000_000; d = 0x_FF; e = 0o17; f = 0b1010_1010; g = 0XdeadBEEF
h = 9223372036854775807; i = 9223372036854775808; j = 123456789012345678901234567890
k = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF; l = 0o7777777777777777777777777; m = 0b1111111111111111111111111111111111111111111111111111111111111111
n = 1.5; o = 1.; p = .5; q = 1e10; r = 1E-5; s = 1_0.0_1e+1_0; t = 1e16; u = 1e15; v = 1e-4; w = 1e-5
x = 1e309; y = 0.1; z = 123456789.123456789; aa = 5e-324; bb = 1.7976931348623157e308
cc = 1j; dd = 1.5J; ee = 1e16j; ff = 0j; gg = 10_0j; hh = 1e309j; ii = .5j
jj = True, False, None, ...
kk = -1; ll = +2; mm = ~3; nn = 00; oo = 0_0; pp = 99.998809814453125
