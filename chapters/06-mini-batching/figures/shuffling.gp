# shuffling.svg: training on data sorted by class, without and with shuffling. Called as:
# gnuplot -e "data='shuffling.dat'" -e "set output 'shuffling.svg'" shuffling.gp
set terminal svg size 880,720 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set lmargin 10
set rmargin 30
set key outside right top box
set title "2000 Fashion-MNIST images sorted by class, B = 64, rate 0.1: the second epoch, batch by batch"
set xlabel "position in the epoch (fraction of the 2000 images)"
set ylabel "batch loss"
set xrange [0:1]
set yrange [0:4.5]
plot data index 0 using 1:2 with linespoints lw 2.5 pt 7 ps 0.5 lc rgb "#d62728" title "sorted, never shuffled", \
     data index 0 using 1:3 with lines lw 2 dt 2 lc rgb "#888888" title "shuffled once", \
     data index 0 using 1:4 with lines lw 2.5 lc rgb "#1f77b4" title "reshuffled every epoch"
unset title
set xlabel "epoch"
set ylabel "test accuracy (1000 images)"
set xrange [-0.1:2.1]
set xtics 1
set yrange [0:0.8]
plot data index 1 using 1:2 with linespoints lw 2.5 pt 7 lc rgb "#d62728" title "sorted, never shuffled", \
     data index 1 using 1:3 with linespoints lw 2 dt 2 pt 5 lc rgb "#888888" title "shuffled once", \
     data index 1 using 1:4 with linespoints lw 2.5 pt 9 lc rgb "#1f77b4" title "reshuffled every epoch"
unset multiplot
