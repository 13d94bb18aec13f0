Loops: three nested loops of 200 and 250 and 250 turns; the innermost adds
one to a counter and sets a flag cell with a small clearing loop of its own
so it is no plain multiplication; at the end the counter holds 12500000
mod 256 which is 32; plus 33 it prints as the letter A and a newline

cell 0 is 200: twenty turns of ten
++++++++++++++++++++[>++++++++++<-]>[-<+>]<
[
  cell 1 is 250: twenty five turns of ten
  >+++++++++++++++++++++++++[>++++++++++<-]>[-<+>]<
  [
    cell 2 is 250
    >+++++++++++++++++++++++++[>++++++++++<-]>[-<+>]<
    [
      counter in cell 3 plus one; flag in cell 4 cleared then set
      >+>[-]+<<-
    ]
    <-
  ]
  <-
]
print cell 3 plus 33 then a newline made in cell 5
>>>+++++++++++++++++++++++++++++++++.
>>++++++++++.
