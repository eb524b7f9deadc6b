# batch_size_training.svg: test loss and accuracy of one network trained with five batch sizes,
# against epochs (left) and CPU seconds of training in the course build (right), both on log
# scales. Called as:
# gnuplot -e "data='batch_size_training.dat'" -e "set output 'batch_size_training.svg'" batch_size_training.gp
set terminal svg size 980,760 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,2 title "Fashion-MNIST, 10 000 training images, 784 → 256 ReLU → 10, He normal, SGD rate 0.1 (full batch 0.2; dashed: scaled rates)"
set grid lc rgb "#dddddd"
set key off
set style line 1 lw 2 lc rgb "#9467bd"
set style line 2 lw 2.5 lc rgb "#1f77b4"
set style line 3 lw 2.5 lc rgb "#000000"
set style line 4 lw 2.5 lc rgb "#2ca02c"
set style line 5 lw 2.5 lc rgb "#d62728"
set style line 6 lw 2 dt 2 lc rgb "#2ca02c"
set style line 8 lw 2 dt 2 lc rgb "#9467bd"
set logscale x
set xrange [0.01:25]
set xlabel "epochs (log scale)"
set ylabel "test loss (2000 images)"
set yrange [0.3:2.6]
plot for [i in "0 1 2 3 4 5 7"] data index (i+0) using 1:3 with linespoints ls (i == 7 ? 8 : i+1) pt 7 ps 0.5
set ylabel "test accuracy"
set yrange [0:0.9]
set key inside bottom right box font ",11"
plot data index 0 using 1:4 with linespoints ls 1 pt 7 ps 0.5 title "B = 1", \
     data index 1 using 1:4 with linespoints ls 2 pt 7 ps 0.5 title "B = 16", \
     data index 2 using 1:4 with linespoints ls 3 pt 7 ps 0.5 title "B = 64", \
     data index 3 using 1:4 with linespoints ls 4 pt 7 ps 0.5 title "B = 256", \
     data index 4 using 1:4 with linespoints ls 5 pt 7 ps 0.5 title "B = 10 000 (full), 0.2", \
     data index 5 using 1:4 with linespoints ls 6 pt 7 ps 0.5 title "B = 256, rate 0.4", \
     data index 7 using 1:4 with linespoints ls 8 pt 7 ps 0.5 title "B = 1, rate 0.0016"
set key off
set xrange [0.01:20]
set xlabel "CPU seconds of training (course build, log scale)"
set ylabel "test loss (2000 images)"
set yrange [0.3:2.6]
plot for [i in "0 1 2 3 4 5 7"] data index (i+0) using 2:3 with linespoints ls (i == 7 ? 8 : i+1) pt 7 ps 0.5
set ylabel "test accuracy"
set yrange [0:0.9]
plot for [i in "0 1 2 3 4 5 7"] data index (i+0) using 2:4 with linespoints ls (i == 7 ? 8 : i+1) pt 7 ps 0.5
unset multiplot
