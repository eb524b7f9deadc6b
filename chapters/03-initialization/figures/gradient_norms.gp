# gradient_norms.svg: the Frobenius norm of each layer's weight gradient in the network of
# activation_std.svg plus a 256 -> 10 output layer, on random inputs and labels; tanh above, ReLU below.
# Called as: gnuplot -e "data='gradient_norms.dat'" -e "set output 'gradient_norms.svg'" gradient_norms.gp
set terminal svg size 720,820 dynamic enhanced font "sans,12" background "#ffffff"
set grid lc rgb "#dddddd"
set logscale y
set format y "10^{%L}"
set xlabel "layer"
set xrange [1:11]
set xtics 1
array names[7] = ["N(0, 0.01^2)", "N(0, 1)", "LeCun normal", "Glorot uniform", "Glorot normal", "He normal", "He uniform"]
array dashes[7] = [1, 1, 1, 2, 3, 1, 2]
array colors[7] = ["#7f7f7f", "#000000", "#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd"]
set multiplot layout 2,1 title "Norm of the weight gradient per layer (10 × 256 units, then 256 → 10; random inputs and labels)"
set title "tanh"
set ylabel "||dW|| (Frobenius, log scale)"
set key at 10.8, 0.03 right top box opaque font ",10"
set yrange [1e-10:1e6]
plot for [k=1:7] data using 1:(column(k + 1)) with linespoints lw 2 pt 7 ps 0.5 dt dashes[k] lc rgb colors[k] title names[k]
set title "ReLU (same colours as above)"
set yrange [1e-11:1e12]
unset key
plot for [k=1:7] data using 1:(column(k + 8)) with linespoints lw 2 pt 7 ps 0.5 dt dashes[k] lc rgb colors[k] title names[k]
unset multiplot
