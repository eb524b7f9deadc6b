# activations.svg: each activation (left) and its derivative (right), from activations.dat.
# Called as: gnuplot -e "data='activations.dat'" -e "set output 'activations.svg'" activations.gp
set terminal svg size 900,360 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 1,2
set grid lc rgb "#dddddd"
set key top left box opaque
set xlabel "z"
set xrange [-5:5]
set linetype 1 lc rgb "#888888" lw 2 dt 2
set linetype 2 lc rgb "#1f77b4" lw 2.5
set linetype 3 lc rgb "#2ca02c" lw 2.5
set linetype 4 lc rgb "#d62728" lw 2.5

set title "activations g(z)"
set yrange [-1.5:3]
plot data using 1:2 with lines lt 1 title "identity", \
     data using 1:4 with lines lt 2 title "sigmoid", \
     data using 1:6 with lines lt 3 title "tanh", \
     data using 1:8 with lines lt 4 title "relu"

set title "derivatives g'(z)"
set yrange [-0.1:1.2]
set key top right
plot data using 1:3 with lines lt 1 title "identity'", \
     data using 1:5 with lines lt 2 title "sigmoid'", \
     data using 1:7 with lines lt 3 title "tanh'", \
     data using 1:9 with steps lt 4 title "relu'"
unset multiplot
