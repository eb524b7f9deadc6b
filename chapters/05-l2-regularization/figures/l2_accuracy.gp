# l2_accuracy.svg: above, the train and test accuracy after training under five L2 strengths;
# below, the weight norm over training under each. Called as:
# gnuplot -e "data='l2_accuracy.dat'" -e "set output 'l2_accuracy.svg'" l2_accuracy.gp
set terminal svg size 880,720 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set lmargin 10
set rmargin 24
set title "Fashion-MNIST, 500 training images, 784 → 32 ReLU → 10, 250 epochs full batch"
set key outside right top box
set xlabel "L2 strength λ"
set ylabel "accuracy after training"
set xrange [-0.4:4.4]
set yrange [0.6:1.02]
set xtics ("0" 0, "10^{-4}" 1, "10^{-3}" 2, "10^{-2}" 3, "10^{-1}" 4)
plot data index 0 using 1:3 with linespoints lw 2.5 pt 7 ps 1.2 lc rgb "#1f77b4" title "train (500)", \
     data index 0 using 1:4 with linespoints lw 2.5 pt 5 ps 1.2 lc rgb "#d62728" title "test (10 000)"
unset title
set key outside right top box title "λ"
set xlabel "epoch"
set ylabel "weight norm √(Σ_l ‖W_l‖²)"
set xrange [0:250]
set yrange [0:14]
set xtics auto
plot data index 1 using 1:2 with lines lw 2.5 lc rgb "#000000" title "0", \
     data index 1 using 1:3 with lines lw 2 dt 2 lc rgb "#888888" title "10^{-4}", \
     data index 1 using 1:4 with lines lw 2.5 lc rgb "#1f77b4" title "10^{-3}", \
     data index 1 using 1:5 with lines lw 2.5 lc rgb "#2ca02c" title "10^{-2}", \
     data index 1 using 1:6 with lines lw 2.5 lc rgb "#d62728" title "10^{-1}"
unset multiplot
