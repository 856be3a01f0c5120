// KGQuery: placeholder until its first real file lands.
import KGModel
