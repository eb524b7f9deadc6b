# optimizers.svg: top, SGD, momentum, Nesterov and Adam on the quadratic (x² + 50 y²)/2; bottom,
# Adam's step length with and without bias correction for a constant gradient. Called as:
# gnuplot -e "data='optimizers.dat'" -e "set output 'optimizers.svg'" optimizers.gp
set terminal svg size 880,760 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set lmargin 12
set key top right box opaque
set logscale y
set format y "10^{%L}"
set xlabel "step"
set title "f(x, y) = (x^2 + 50 y^2)/2 from (-8, 2): lr 0.02 for the SGD family, 0.1 for Adam"
set ylabel "f (log scale)"
plot data index 0 using 1:2 with lines lw 2 lc rgb "#888888" title "SGD", \
     data index 0 using 1:3 with lines lw 1.5 lc rgb "#1f77b4" title "momentum 0.9", \
     data index 0 using 1:4 with lines lw 1.5 lc rgb "#2ca02c" title "Nesterov 0.9", \
     data index 0 using 1:5 with lines lw 1.5 lc rgb "#d62728" title "Adam"
set title "Adam's step |Δp|/η for a constant gradient, with and without bias correction"
set logscale x
set xrange [1:3000]
unset logscale y
set format y "%g"
set xlabel "step t (log scale)"
set ylabel "|Δp| / η"
set key top right
plot data index 1 using 1:3 with lines lw 2 lc rgb "#d62728" title "no correction, β_2 = 0.999", \
     data index 1 using 1:5 with lines lw 2 dt 2 lc rgb "#ff7f0e" title "no correction, β_2 = 0.99", \
     data index 1 using 1:2 with lines lw 2 lc rgb "#1f77b4" title "bias-corrected (both β_2)"
unset multiplot
