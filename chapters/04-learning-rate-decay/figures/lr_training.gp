# lr_training.svg: the loss (above) and the rate (below) of one network trained under four
# schedules from a rate of 1.0, plus a constant 0.3. Called as:
# gnuplot -e "data='lr_training.dat'" -e "set output 'lr_training.svg'" lr_training.gp
set terminal svg size 880,640 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set key outside right top box title "schedule"
set xrange [0:199]
set lmargin 10
set rmargin 30
set title "Spiral, 2 → 4 × 32 ReLU → 3, He normal, full batch, from a rate of 1.0"
set ylabel "cross-entropy loss (log scale)"
set logscale y
set yrange [0.03:30]
plot data using 1:2 with lines lw 1.5 lc rgb "#000000" title "constant 1.0", \
     data using 1:3 with lines lw 2.5 lc rgb "#1f77b4" title "step ×0.5 / 50", \
     data using 1:4 with lines lw 2.5 lc rgb "#2ca02c" title "cosine, warm-up 10", \
     data using 1:5 with lines lw 2.5 dt 2 lc rgb "#d62728" title "plateau (5, 0.5)", \
     data using 1:6 with lines lw 2 dt 3 lc rgb "#888888" title "constant 0.3"
unset title
unset key
set xlabel "epoch"
set ylabel "learning rate"
unset logscale y
set yrange [0:1.1]
plot data using 1:7 with lines lw 1.5 lc rgb "#000000" title "constant 1.0", \
     data using 1:8 with steps lw 2.5 lc rgb "#1f77b4" title "step ×0.5 / 50", \
     data using 1:9 with lines lw 2.5 lc rgb "#2ca02c" title "cosine, warm-up 10", \
     data using 1:10 with steps lw 2.5 dt 2 lc rgb "#d62728" title "plateau (5, 0.5)", \
     data using 1:11 with lines lw 2 dt 3 lc rgb "#888888" title "constant 0.3"
unset multiplot
