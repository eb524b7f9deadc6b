# adding_problem.svg: an LSTM and a vanilla tanh RNN learning the adding problem (T = 50) on the
# same batches: the training and test MSE against steps, and the baseline 1/6 of always
# predicting the mean. Called as:
# gnuplot -e "data='adding_problem.dat'" -e "set output 'adding_problem.svg'" adding_problem.gp
set terminal svg size 880,480 dynamic enhanced font "sans,13" background "#ffffff"
set title "The adding problem, T = 50: LSTM and RNN, H = 16 + linear head, batches of 32, Adam 0.02"
set grid lc rgb "#dddddd"
set key bottom left box
set xlabel "training steps"
set ylabel "mean squared error (log scale)"
set logscale y
set yrange [0.001:0.5]
plot data using 1:4 with lines lw 2 dt 2 lc rgb "#888888" title "baseline 1/6 (always predict 1)", \
     data using 1:2 with lines lw 2 lc rgb "#1f77b4" title "LSTM, training MSE (mean over 20 steps)", \
     data using 1:3 with linespoints lw 2.5 pt 7 ps 0.4 lc rgb "#d62728" title "LSTM, test MSE (200 held-out sequences)", \
     data using 1:5 with lines lw 2 dt 3 lc rgb "#2ca02c" title "tanh RNN, training MSE", \
     data using 1:6 with linespoints lw 2.5 pt 5 ps 0.4 lc rgb "#9467bd" title "tanh RNN, test MSE"
