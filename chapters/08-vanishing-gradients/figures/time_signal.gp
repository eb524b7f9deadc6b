# time_signal.svg: the norm of dL/dh_t against t for a loss that reads h_100 only, tanh RNNs
# (recurrent_scale 1, 2, 4) and the LSTM, at initialization. Called as:
# gnuplot -e "data='time_signal.dat'" -e "set output 'time_signal.svg'" time_signal.gp
set terminal svg size 880,520 dynamic enhanced font "sans,13" background "#ffffff"
set title "Gradient reaching h_t from a loss at step 100: H = 32, at initialization"
set grid lc rgb "#dddddd"
set lmargin 12
set rmargin 36
set key outside right top box width 2
set logscale y
set format y "10^{%L}"
set xrange [0:101]
set xlabel "step t (the loss reads h_{100} only)"
set ylabel "||∂L/∂h_t|| (log scale)"
plot data using 1:2 with lines lw 2.5 lc rgb "#444444" title "RNN, recurrent scale 1", \
     data using 1:3 with lines lw 2.5 dt 2 lc rgb "#ff7f0e" title "RNN, recurrent scale 2", \
     data using 1:4 with lines lw 2.5 dt 4 lc rgb "#d62728" title "RNN, recurrent scale 4", \
     data using 1:5 with lines lw 2.5 lc rgb "#1f77b4" title "LSTM, forget bias 1"
