# schedules.svg: the rate per epoch of six schedules over 200 epochs, all from 0.1. Called as:
# gnuplot -e "data='schedules.dat'" -e "set output 'schedules.svg'" schedules.gp
set terminal svg size 880,400 dynamic enhanced font "sans,13" background "#ffffff"
set grid lc rgb "#dddddd"
set key outside right top box title "schedule"
set xlabel "epoch"
set ylabel "learning rate"
set yrange [0:0.11]
set xrange [0:199]
set title "Learning-rate schedules from 0.1 (epochs count from 0)"
plot data using 1:3 with steps lw 5 lc rgb "#bbbbbb" title "step ×0.95 / 100", \
     data using 1:2 with lines lw 1.5 dt 2 lc rgb "#000000" title "constant", \
     data using 1:4 with steps lw 2.5 lc rgb "#1f77b4" title "step ×0.5 / 50", \
     data using 1:5 with lines lw 2.5 dt 2 lc rgb "#ff7f0e" title "exponential 0.98", \
     data using 1:6 with lines lw 2.5 dt 3 lc rgb "#9467bd" title "inverse time k = 0.05", \
     data using 1:7 with lines lw 2.5 lc rgb "#2ca02c" title "cosine, warm-up 10"
