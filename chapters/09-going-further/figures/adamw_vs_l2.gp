# adamw_vs_l2.svg: the norms of groups of weights while Adam (no decay), Adam with L2
# (λ = 0.1 and 1e-5) and AdamW (λ = 0.1) train the same 784 → 8 → 10 network. Called as:
# gnuplot -e "data='adamw_vs_l2.dat'" -e "set output 'adamw_vs_l2.svg'" adamw_vs_l2.gp
set terminal svg size 880,760 dynamic enhanced font "sans,13" background "#ffffff"
set multiplot layout 2,1
set grid lc rgb "#dddddd"
set lmargin 12
set key center right box opaque
set xlabel "step"
set xrange [0:150]
set title "First-layer weights of pixels that are 0 in every image (no data gradient)"
set ylabel "norm"
set yrange [0:*]
plot data using 1:2 with lines lw 2 lc rgb "#888888" title "Adam, no decay", \
     data using 1:5 with lines lw 2 lc rgb "#d62728" title "Adam + L2, λ = 0.1", \
     data using 1:8 with lines lw 2 lc rgb "#1f77b4" title "AdamW, λ = 0.1", \
     data using 1:11 with lines lw 2 dt 2 lc rgb "#ff7f0e" title "Adam + L2, λ = 10^{-5}"
set title "First-layer weights of the other pixels (solid) and W_2 (dashed)"
set key top left
set yrange [*:*]
plot data using 1:3 with lines lw 2 lc rgb "#888888" title "Adam, no decay", \
     data using 1:6 with lines lw 2 lc rgb "#d62728" title "Adam + L2, λ = 0.1", \
     data using 1:9 with lines lw 2 lc rgb "#1f77b4" title "AdamW, λ = 0.1", \
     data using 1:4 with lines lw 2 dt 2 lc rgb "#888888" notitle, \
     data using 1:7 with lines lw 2 dt 2 lc rgb "#d62728" notitle, \
     data using 1:10 with lines lw 2 dt 2 lc rgb "#1f77b4" notitle
unset multiplot
