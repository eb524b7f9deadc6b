# depth_signal.svg: the norm of the backward signal dL/dZ_l at every layer of a 20-layer network
# (19 hidden layers of 128 units + an identity output layer), at initialization, for sigmoid,
# tanh and ReLU. Called as:
# gnuplot -e "data='depth_signal.dat'" -e "set output 'depth_signal.svg'" depth_signal.gp
set terminal svg size 880,520 dynamic enhanced font "sans,13" background "#ffffff"
set title "Backward signal per layer: 20 layers (19 × 128 units + 128 → 10), at initialization"
set grid lc rgb "#dddddd"
set key bottom right box opaque
set logscale y
set format y "10^{%L}"
set xrange [1:20]
set xtics 1
set xlabel "layer l (1 = first, 20 = output; the gradient flows from right to left)"
set ylabel "||∂L/∂Z_l|| (Frobenius, log scale)"
plot data using 1:2 with linespoints lw 2.5 pt 7 ps 0.5 lc rgb "#d62728" title "sigmoid, Glorot uniform", \
     data using 1:3 with linespoints lw 2.5 pt 7 ps 0.5 lc rgb "#1f77b4" title "tanh, Glorot uniform", \
     data using 1:4 with linespoints lw 2.5 pt 7 ps 0.5 lc rgb "#2ca02c" title "ReLU, He normal", \
     data using 1:5 with linespoints lw 2 pt 6 ps 0.5 dt 2 lc rgb "#2ca02c" title "ReLU, Glorot uniform"
