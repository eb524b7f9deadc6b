# batch_throughput.svg: what a batch of B costs and what it buys, for the 784 -> 256 ReLU -> 10
# network in the course build (exercise code at -O0, xtensor loops precompiled at -O2). Called as:
# gnuplot -e "data='batch_throughput.dat'" -e "set output 'batch_throughput.svg'" batch_throughput.gp
set terminal svg size 880,1000 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 3,1
set grid lc rgb "#dddddd"
set lmargin 12
set rmargin 30
set logscale x 2
set xrange [0.8:1300]
set key outside right top box
set title "One training step (loss\\_and\\_gradients + sgd\\_step), 784 → 256 ReLU → 10, course build, 1 thread"
set ylabel "CPU μs per sample"
set logscale y
set format y "10^{%L}"
plot data index 0 using 1:2 with linespoints lw 2.5 pt 7 lc rgb "#000000" title "whole step", \
     data index 0 using 1:5 with linespoints lw 2 pt 5 lc rgb "#d62728" title "sgd\\_step", \
     data index 0 using 1:4 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "other forward/backward", \
     data index 0 using 1:3 with linespoints lw 2 pt 13 lc rgb "#1f77b4" title "5 products (dot)"
unset title
unset logscale y
set format y "%g"
set ylabel "GFLOP/s"
set yrange [0:*]
plot data index 0 using 1:6 with linespoints lw 2.5 pt 7 lc rgb "#1f77b4" title "dot (B,784)·(784,256)"
set xlabel "batch size B"
set ylabel "‖g_B − g‖² / ‖g‖²"
set logscale y
set format y "10^{%L}"
set yrange [*:*]
plot data index 1 using 1:2 with points pt 7 ps 1.3 lc rgb "#000000" title "measured (20 batches)", \
     data index 1 using 1:3 with lines lw 2 dt 2 lc rgb "#d62728" title "1/B law, (N−B)/(N−1)"
unset multiplot
