# symmetry.svg: the loss of the 2-10-2 tanh XOR network trained from four starting points.
# Called as: gnuplot -e "data='symmetry.dat'" -e "set output 'symmetry.svg'" symmetry.gp
set terminal svg size 720,380 dynamic enhanced font "sans,13" background "#ffffff"
set grid lc rgb "#dddddd"
set key bottom left box opaque title "initial weights"
set xlabel "epoch"
set ylabel "cross-entropy loss (log scale)"
set logscale y
set yrange [0.002:1.2]
set xrange [0:999]
set title "XOR, 2-10-2 with tanh hidden units (lr 0.1, full batch)"
plot data using 1:2 with lines lw 4 lc rgb "#7f7f7f" title "all zeros", \
     data using 1:3 with lines lw 2.5 dt 2 lc rgb "#000000" title "all weights 0.5", \
     data using 1:4 with lines lw 2.5 lc rgb "#2ca02c" title "He normal (seed 0)", \
     data using 1:5 with lines lw 2.5 lc rgb "#ff7f0e" title "Glorot uniform (seed 0)"
