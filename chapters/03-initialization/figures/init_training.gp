# init_training.svg: the loss of one small network (spiral, 2 -> 4 x 32 ReLU -> 3) trained from
# seven initialization schemes. Called as:
# gnuplot -e "data='init_training.dat'" -e "set output 'init_training.svg'" init_training.gp
set terminal svg size 880,400 dynamic enhanced font "sans,13" background "#ffffff"
set grid lc rgb "#dddddd"
set key outside right top box title "initial weights"
set xlabel "epoch"
set ylabel "cross-entropy loss (log scale)"
set logscale y
set yrange [0.03:30]
set xrange [0:299]
set title "Spiral (3 classes × 50 points), 2 → 4 × 32 ReLU → 3, lr 0.1, full batch"
plot data using 1:2 with lines lw 6 lc rgb "#aaaaaa" title "N(0, 0.01^2)", \
     data using 1:3 with lines lw 2 dt 2 lc rgb "#000000" title "N(0, 1)", \
     data using 1:4 with lines lw 2.5 lc rgb "#1f77b4" title "LeCun normal", \
     data using 1:5 with lines lw 2.5 dt 2 lc rgb "#ff7f0e" title "Glorot uniform", \
     data using 1:6 with lines lw 2 dt 3 lc rgb "#d62728" title "Glorot normal", \
     data using 1:7 with lines lw 2.5 lc rgb "#2ca02c" title "He normal", \
     data using 1:8 with lines lw 2 dt 3 lc rgb "#9467bd" title "He uniform"
