# xor_loss.svg: cross-entropy loss by epoch while the reference trains XOR, one line per seed.
# Called as: gnuplot -e "data='xor_loss.dat'" -e "set output 'xor_loss.svg'" xor_loss.gp
set terminal svg size 720,380 dynamic enhanced font "sans,13" background "#ffffff"
set grid lc rgb "#dddddd"
set key top right box opaque title "initial weights"
set xlabel "epoch"
set ylabel "cross-entropy loss (log scale)"
set logscale y
set xrange [0:999]
set title "Training the 2-10-2 network on XOR (lr 0.1, full batch)"
plot for [k=2:6] data using 1:k with lines lw 2.5 title sprintf("seed %d", k - 2)
