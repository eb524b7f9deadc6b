# batchnorm.svg: a batch norm's running mean and variance (feature 0) while it sees batches of 32
# rows from N(3, 2²), against the update rule's prediction. Called as:
# gnuplot -e "data='batchnorm.dat'" -e "set output 'batchnorm.svg'" batchnorm.gp
set terminal svg size 880,440 dynamic enhanced font "sans,13" background "#ffffff"
set grid lc rgb "#dddddd"
set lmargin 12
set key bottom right box opaque
set xlabel "training batches seen"
set ylabel "running statistic"
set title "Running statistics, momentum 0.1: data mean 3, variance 4"
plot data using 1:2 with linespoints pt 7 ps 0.4 lw 1.5 lc rgb "#1f77b4" title "running\\_mean", \
     data using 1:3 with lines lw 1.5 dt 2 lc rgb "#1f77b4" title "3 (1 - 0.9^n)", \
     data using 1:4 with linespoints pt 7 ps 0.4 lw 1.5 lc rgb "#d62728" title "running\\_var", \
     data using 1:5 with lines lw 1.5 dt 2 lc rgb "#d62728" title "1 + 3 (1 - 0.9^n)"
