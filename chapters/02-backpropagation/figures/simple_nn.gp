# simple_nn.svg: the MSE of SimpleNN (seed 0) by epoch while it trains XOR, one line per setting.
# Called as: gnuplot -e "data='simple_nn.dat'" -e "set output 'simple_nn.svg'" simple_nn.gp
set terminal svg size 720,380 dynamic enhanced font "sans,13" background "#ffffff"
set grid lc rgb "#dddddd"
set key bottom left box opaque title "init scale, learning rate"
set xlabel "epoch"
set ylabel "mean squared error (log scale)"
set logscale y
set xrange [0:1000]
set yrange [1e-4:0.5]
set title "SimpleNN (2-4-1, sigmoid) on XOR, seed 0"
# The lines of (0.01, 0.1) and (1, 0.1) lie close together near 0.25: the first is dashed and
# drawn last.
plot data using 1:3 with lines lw 2.5 lc 2 title "1, 0.1", \
     data using 1:4 with lines lw 2.5 lc 3 title "1, 1.0", \
     data using 1:2 with lines lw 2.5 lc 1 dt 2 title "0.01, 0.1"
