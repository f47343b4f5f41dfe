from mfkg.bench.workers import main

main()
