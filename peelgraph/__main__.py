from peelgraph.cli import main

main()
