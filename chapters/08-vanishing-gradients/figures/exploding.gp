# exploding.svg: a tanh RNN with a scaled-up recurrent matrix trained by plain SGD on the adding
# problem, with and without clipping the gradient's global norm at 1: training loss (top) and
# the gradient's norm before clipping (bottom). Called as:
# gnuplot -e "data='exploding.dat'" -e "set output 'exploding.svg'" exploding.gp
set terminal svg size 880,760 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set lmargin 12
set key top right box opaque
set logscale y
set format y "10^{%L}"
set xlabel "training step"
set title "Training loss: the same RNN, the same batches, with and without clipping (cut at 10^3)"
set ylabel "MSE (log scale)"
set yrange [0.05:1000]
plot data using 1:8 with lines lw 2 dt 2 lc rgb "#888888" title "baseline 1/6", \
     data using 1:2 with lines lw 1.5 lc rgb "#d62728" title "no clipping (batch MSE)", \
     data using 1:4 with lines lw 1.5 lc rgb "#1f77b4" title "clipped at 1 (batch MSE)", \
     data using 1:6 with points pt 7 ps 0.6 lc rgb "#d62728" title "no clipping (test MSE)", \
     data using 1:7 with points pt 7 ps 0.6 lc rgb "#1f77b4" title "clipped at 1 (test MSE)"
set title "Global norm of the gradient (before clipping)"
set autoscale y
set ylabel "||g|| (log scale)"
plot 1 with lines lw 1.5 dt 2 lc rgb "#888888" title "max\\_norm = 1", \
     data using 1:3 with lines lw 1.5 lc rgb "#d62728" title "no clipping", \
     data using 1:5 with lines lw 1.5 lc rgb "#1f77b4" title "clipped at 1"
unset multiplot
