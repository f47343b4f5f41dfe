from mfkg.entry import main

main()
