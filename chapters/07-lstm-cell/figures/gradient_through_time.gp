# gradient_through_time.svg: how far back the gradient of a loss at step T = 100 reaches, in an
# LSTM (forget bias 0, 1, 3) and a tanh RNN, at initialization. Called as:
# gnuplot -e "data='gradient_through_time.dat'" -e "set output 'gradient_through_time.svg'" gradient_through_time.gp
set terminal svg size 880,720 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set lmargin 12
set rmargin 38
set key outside right top box width 3
set logscale y
set format y "10^{%L}"
set xrange [0:101]
set yrange [1e-24:10]
set xlabel "step t (the loss reads h_{100} only)"
set title "Gradient reaching the state of step t: T = 100, H = 32, at initialization"
set ylabel "norm of ∂L/∂c_t (RNN: ∂L/∂h_t)"
plot data using 1:2 with lines lw 2.5 lc rgb "#d62728" title "LSTM, forget bias 0, c_t", \
     data using 1:5 with lines lw 2.5 lc rgb "#1f77b4" title "LSTM, forget bias 1, c_t", \
     data using 1:8 with lines lw 2.5 lc rgb "#2ca02c" title "LSTM, forget bias 3, c_t", \
     data using 1:11 with lines lw 2.5 dt 2 lc rgb "#444444" title "tanh RNN, h_t"
set title "Gradient reaching the input of step t"
set ylabel "norm of ∂L/∂x_t"
plot data using 1:4 with lines lw 2.5 lc rgb "#d62728" title "LSTM, forget bias 0", \
     data using 1:7 with lines lw 2.5 lc rgb "#1f77b4" title "LSTM, forget bias 1", \
     data using 1:10 with lines lw 2.5 lc rgb "#2ca02c" title "LSTM, forget bias 3", \
     data using 1:12 with lines lw 2.5 dt 2 lc rgb "#444444" title "tanh RNN"
unset multiplot
