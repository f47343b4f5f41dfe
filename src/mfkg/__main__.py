from mfkg.cli import main

main()
