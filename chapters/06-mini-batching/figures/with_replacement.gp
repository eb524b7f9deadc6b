# with_replacement.svg: drawing batches with replacement (the seed notebook) against shuffled
# epochs, for N = 60 000 samples. Called as:
# gnuplot -e "data='with_replacement.dat'" -e "set output 'with_replacement.svg'" with_replacement.gp
set terminal svg size 980,420 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 1,2
set grid lc rgb "#dddddd"
set key inside bottom right box
set title "Samples seen at least once (N = 60 000)"
set xlabel "draws / N (epochs)"
set ylabel "fraction of the N samples"
set xrange [0:3]
set yrange [0:1.05]
plot data index 0 using 1:3 with lines lw 2.5 lc rgb "#1f77b4" title "shuffled epochs", \
     data index 0 using 1:2 with lines lw 2.5 lc rgb "#d62728" title "with replacement", \
     1 - exp(-x) with lines lw 1.5 dt 2 lc rgb "#000000" title "1 − e^{−t}"
set title "Times each sample is drawn in one epoch with replacement"
set xlabel "times drawn"
set ylabel "fraction of the N samples"
set xrange [-0.6:7.6]
set yrange [0:0.42]
set style fill solid 0.6 noborder
set boxwidth 0.4
set key inside top right box
plot data index 1 using ($1-0.2):2 with boxes lc rgb "#d62728" title "measured", \
     data index 1 using ($1+0.2):3 with boxes lc rgb "#888888" title "Poisson(1): e^{−1}/k!"
unset multiplot
