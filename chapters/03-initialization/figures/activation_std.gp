# activation_std.svg: the standard deviation of each layer's activation in a 10-layer, width-256
# network on random inputs, one line per initialization scheme; tanh above, ReLU below.
# Called as: gnuplot -e "data='activation_std.dat'" -e "set output 'activation_std.svg'" activation_std.gp
set terminal svg size 720,820 dynamic enhanced font "sans,12" background "#ffffff"
set grid lc rgb "#dddddd"
set logscale y
set format y "10^{%L}"
set xlabel "layer"
set xrange [1:10]
set xtics 1
array names[7] = ["N(0, 0.01^2)", "N(0, 1)", "LeCun normal", "Glorot uniform", "Glorot normal", "He normal", "He uniform"]
array dashes[7] = [1, 1, 1, 2, 3, 1, 2]
array colors[7] = ["#7f7f7f", "#000000", "#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd"]
set multiplot layout 2,1 title "Standard deviation of the activations per layer (10 × 256 units, 200 random inputs)"
set title "tanh"
set ylabel "std of the activation (log scale)"
set key bottom left box opaque font ",10"
set yrange [1e-9:3]
plot for [k=1:7] data using 1:(column(k + 1)) with linespoints lw 2 pt 7 ps 0.5 dt dashes[k] lc rgb colors[k] title names[k]
set title "ReLU (same colours as above)"
set yrange [1e-11:1e11]
unset key
plot for [k=1:7] data using 1:(column(k + 8)) with linespoints lw 2 pt 7 ps 0.5 dt dashes[k] lc rgb colors[k] title names[k]
unset multiplot
