Reverse: reads standard input to its end and writes it backwards

Cell 0 stays 0 and marks the start; each byte read goes one cell
further right until the read that gives 0 at the end of the input
>,[>,]
Then walk back left printing each byte until the start marker
<[.<]
