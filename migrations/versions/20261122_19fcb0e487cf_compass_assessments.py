"""compass assessments: a round per case, each member's private answers

Revision ID: 19fcb0e487cf
Revises: 44a58c26d5a0
Create Date: 2026-11-22 22:24:57.990304
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision = '19fcb0e487cf'
down_revision = '44a58c26d5a0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('assessment_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.String(length=60), nullable=False),
    sa.Column('set_version', sa.String(length=20), nullable=False),
    sa.Column('set_digest', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('comparison_opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('comparison_opened_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['review_cases.id'], name=op.f('fk_assessment_rounds_case_id_review_cases')),
    sa.ForeignKeyConstraint(['comparison_opened_by_id'], ['users.id'], name=op.f('fk_assessment_rounds_comparison_opened_by_id_users')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_assessment_rounds_opened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_rounds')),
    sa.UniqueConstraint('case_id', name=op.f('uq_assessment_rounds_case_id'))
    )
    # answers in the compass library's shape: {question urn: {target: {value, likelihood, note}}}
    op.create_table('assessment_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_assessment_answers_member_id_users')),
    sa.ForeignKeyConstraint(['round_id'], ['assessment_rounds.id'], name=op.f('fk_assessment_answers_round_id_assessment_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_answers')),
    sa.UniqueConstraint('round_id', 'member_id', name=op.f('uq_assessment_answers_round_id_member_id'))
    )
    with op.batch_alter_table('assessment_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_answers_member_id'), ['member_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assessment_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_answers_member_id'))

    op.drop_table('assessment_answers')
    op.drop_table('assessment_rounds')
