# batch_size_training.svg: test loss and accuracy of one network trained with five batch sizes,
# against epochs (left) and CPU seconds of training in the course build (right). Called as:
# gnuplot -e "data='batch_size_training.dat'" -e "set output 'batch_size_training.svg'" batch_size_training.gp
set terminal svg size 980,760 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,2 title "Fashion-MNIST, 2000 training images, 784 → 256 ReLU → 10, He normal, SGD rate 0.1 (dashed: B = 256 at 0.4)"
set grid lc rgb "#dddddd"
set key off
set style line 1 lw 2 lc rgb "#9467bd"
set style line 2 lw 2.5 lc rgb "#1f77b4"
set style line 3 lw 2.5 lc rgb "#000000"
set style line 4 lw 2.5 lc rgb "#2ca02c"
set style line 5 lw 2.5 lc rgb "#d62728"
set style line 6 lw 2 dt 2 lc rgb "#2ca02c"
set logscale x
set xrange [0.01:10]
set xlabel "epochs (log scale)"
set ylabel "test loss (1000 images)"
set yrange [0.5:2.6]
plot for [i=0:5] data index i using 1:3 with linespoints ls (i+1) pt 7 ps 0.6
set ylabel "test accuracy"
set yrange [0:0.85]
set key inside bottom right box
plot data index 0 using 1:4 with linespoints ls 1 pt 7 ps 0.6 title "B = 1", \
     data index 1 using 1:4 with linespoints ls 2 pt 7 ps 0.6 title "B = 16", \
     data index 2 using 1:4 with linespoints ls 3 pt 7 ps 0.6 title "B = 64", \
     data index 3 using 1:4 with linespoints ls 4 pt 7 ps 0.6 title "B = 256", \
     data index 4 using 1:4 with linespoints ls 5 pt 7 ps 0.6 title "B = 2000 (full)", \
     data index 5 using 1:4 with linespoints ls 6 pt 7 ps 0.6 title "B = 256, rate 0.4"
set key off
unset logscale x
set xrange [0:4.2]
set xlabel "CPU seconds of training (course build, -O0)"
set ylabel "test loss (1000 images)"
set yrange [0.5:2.6]
plot for [i=0:5] data index i using 2:3 with linespoints ls (i+1) pt 7 ps 0.6
set ylabel "test accuracy"
set yrange [0:0.85]
plot for [i=0:5] data index i using 2:4 with linespoints ls (i+1) pt 7 ps 0.6
unset multiplot
